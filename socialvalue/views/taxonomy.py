from django.contrib import messages
from django.shortcuts import redirect, render

from core.permissions import ANYONE, COORDINATORS, allow
from socialvalue import access, taxonomy
from socialvalue.forms import LocalAdditionForm


@allow(ANYONE)
def taxonomy_page(request):
    data = taxonomy.model_file()
    return render(
        request,
        "socialvalue/taxonomy.html",
        {
            "tree": taxonomy.tree(access.local_outcomes(), access.local_metrics()),
            "attribution": taxonomy.attribution(),
            "licence": taxonomy.model()["licence"],
            "version": data.version,
            "sources": [{**source, "covers": source["covers"]} for source in data.sources.values()],
            "proxy_sets": taxonomy.proxy_sets(),
        },
    )


@allow(COORDINATORS)
def local_add(request):
    form = LocalAdditionForm(request.POST or None, local_outcomes=access.local_outcomes())
    if request.method == "POST" and form.is_valid():
        addition = form.save(commit=False)
        addition.created_by = request.user
        if addition.kind == addition.Kind.OUTCOME:
            addition.outcome = ""
            addition.unit = ""
        else:
            addition.mission = ""
        addition.save()
        messages.success(request, f"{addition.title} added to the network's taxonomy.")
        return redirect("socialvalue:taxonomy")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Add an outcome or metric of the network's own",
            "back_url": "/social-value/model/",
        },
    )
