from . import concern
