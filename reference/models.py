from django.db import models

from reference.cpv import significant_prefix


class CpvCode(models.Model):
    code = models.CharField(max_length=8, primary_key=True)
    check_digit = models.CharField(max_length=1, blank=True, help_text="As published, when known")
    description = models.CharField(max_length=400)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    prefix = models.CharField(
        max_length=8, db_index=True, help_text="Digits shared by all descendants"
    )
    depth = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["code"]
        verbose_name = "CPV code"

    def __str__(self):
        return f"{self.code} {self.description}"

    def save(self, *args, **kwargs):
        self.prefix = significant_prefix(self.code)
        super().save(*args, **kwargs)

    @property
    def full_code(self) -> str:
        return f"{self.code}-{self.check_digit}" if self.check_digit else self.code
