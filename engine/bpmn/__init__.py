"""BPMN execution on SpiffWorkflow: parsing, validation, live state, pruning and engine steps.

This package is the only place in Lintas that imports SpiffWorkflow; it hands plain data to services.
"""
