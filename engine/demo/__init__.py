"""Demo data shipped with Lintas: the demo organisation used by `lintas serve --demo` and the tests."""
