"""Small helpers shared by test files."""

import html


def text(response) -> str:
    """The page as a person reads it: decoded, HTML entities unescaped."""
    return html.unescape(response.content.decode())
