"""Delivery layer of Lintas: the Flask web application and the ``lintas`` command line."""
