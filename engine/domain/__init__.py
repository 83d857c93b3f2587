"""Plain-Python domain of Lintas: value objects, rules and errors, with no I/O."""
