"""Adapters that implement engine ports with Lintas's standalone packages (forms, later signing)."""
