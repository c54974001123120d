"""安全生产月 desktop: the township safety-station clerk's tool for Safety Production Month."""

__version__ = "0.2.0"

APP_NAME = "安全生产月"
ORG_NAME = "anquanyue"
