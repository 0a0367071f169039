"""Reverse scheduling (倒排工期): calendars and the backward/forward passes, no Qt."""
