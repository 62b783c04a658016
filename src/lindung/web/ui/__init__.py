"""Server-rendered pages: routes, Jinja2 templates and static assets."""
