from . import iso_concern, resource_calendar
