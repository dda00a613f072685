"""Partitions: a round is a dynamic partition, named by its round id."""

import dagster as dg

rounds_partitions = dg.DynamicPartitionsDefinition(name="rounds")
