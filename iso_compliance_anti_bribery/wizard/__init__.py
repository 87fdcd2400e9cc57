from . import iso_gratification_recap_wizard
