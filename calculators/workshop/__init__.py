"""The workshop tools built on the models (a deal debrief, the pipeline board), one module each."""
