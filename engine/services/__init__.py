"""Service layer: every state change of Lintas is one call here, inside one unit of work."""
