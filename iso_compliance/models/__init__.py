from . import iso_agency
