"""Lintas engine: runs BPMN processes for Indonesian local governments on SpiffWorkflow."""
