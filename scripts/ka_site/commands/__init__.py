"""The site's commands, each run as ``python -m``: serve the built site the way a real static host
does (:mod:`ka_site.commands.serve`, ``bash scripts/serve.sh``), room mode with its service
(:mod:`ka_site.commands.room`, ``bash scripts/serve.sh --room``), the Chinese text lint
(:mod:`ka_site.commands.lint`) and the README's generated parts, the module reference and the
reference sections (:mod:`ka_site.commands.readme_reference`, with
:mod:`ka_site.commands.readme_sections`).

Commands import the shared core and the build steps (the room service reads the room's
activities and draws the join page's QR codes with the build's code), never the test support
(``tests/test_layers.py``)."""
