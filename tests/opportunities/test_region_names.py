from opportunities.templatetags.opportunities import region_names


def test_codes_are_shown_with_the_name_of_their_area():
    assert region_names(["UKG31", "TLD", "UK"]) == (
        "Birmingham (UKG31), North West (TLD), United Kingdom (UK)"
    )
    assert region_names(["UKD36", "UKM82"]) == (
        "Greater Manchester North West (UKD36), Glasgow City (UKM82)"
    )


def test_words_and_unknown_codes_are_shown_as_published():
    assert region_names(["West Midlands", "UKD19"]) == "West Midlands, UKD19"
    assert region_names([]) == ""
