"""The calculators in the page: each calculator's form and worked example rendered at build time
(:mod:`~ka_site.build.widgets.calculator_widgets`), and the band tables and thresholds a page
states, written from the models' declarations (:mod:`~ka_site.build.widgets.band_pages`)."""
