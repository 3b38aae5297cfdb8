"""Small filters for the maturity pages."""

from django import template

from maturity import scoring

register = template.Library()


@register.filter
def change_words(change):
    return scoring.change_words(change)


@register.filter
def level_name(questions, level):
    return questions.level_name(level)


@register.filter
def help_of(table, key):
    """{(question key, level): help} narrowed to one question: {level: help}."""
    return {level: aid for (k, level), aid in table.items() if k == key}


@register.filter
def help_at(table, level):
    return table.get(level)
