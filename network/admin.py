from django.contrib import admin
from django.db import models

from network.models import Champion, OperatingSite, Organisation, Sector


class OperatingSiteInline(admin.TabularInline):
    model = OperatingSite
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_network_member", "size_band", "is_vcse", "is_sample"]
    list_filter = ["kind", "is_network_member", "size_band", "is_vcse", "is_sample"]
    search_fields = ["name", "companies_house_number", "charity_number", "vat_number", "ppon"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors"]
    inlines = [OperatingSiteInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Champion)
class ChampionAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "job_title", "is_sample"]
    list_filter = ["sectors", "is_sample"]
    search_fields = ["name", "organisation__name"]
    filter_horizontal = ["sectors"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "source"]
