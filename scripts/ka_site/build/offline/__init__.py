"""The offline copy: the service worker, the manifests and the "ready" button
(:mod:`~ka_site.build.offline.offline`), with the home-screen icons drawn from the one SVG
(:mod:`~ka_site.build.offline.icons`)."""
