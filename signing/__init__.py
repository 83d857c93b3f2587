"""Signed output documents: render, sign (PAdES), store and verify. Built in a later issue."""
