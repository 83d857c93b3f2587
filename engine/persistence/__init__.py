"""Persistence of Lintas: SQLAlchemy models, repositories, unit of work (the only SQLAlchemy importer)."""
