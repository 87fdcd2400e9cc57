from . import iso_concern
