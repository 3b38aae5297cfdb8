"""The maturity self-assessment in the browser, every page through axe: the anchor's administrator
finds the self-assessments from the organisation page, starts one, is told what is wrong when no
level is chosen, answers every question, checks the answers (completing too early is refused
with a link to the question), completes it and reads the result with next steps; a buyer opens
the network's picture from the navigation and reads the questions; no console errors."""

import re

from maturity import questions
from tests.browser.helpers import Checker, expect_error_page, sign_in
from tests.maturity.helpers import completed

SET = questions.current()


def test_the_maturity_journey_in_the_browser(page, live_server, world):
    completed(world.home, 1, (2025, 10, 1), is_sample=True)
    completed(world.other, 3, (2026, 2, 1))
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, world.users["anchor_admin"].email)
    page.goto(f"{base}/organisations/{world.home.slug}/")
    page.get_by_role("link", name="Home Council's self-assessments").click()
    page.wait_for_url(re.compile(rf".*/maturity/anchors/{world.home.slug}/$"))
    assert "Current picture" in page.content()
    check("anchor's assessments")

    page.get_by_role("button", name="Start a self-assessment").click()
    page.wait_for_url(re.compile(r".*/questions/innovation-strategy/$"))
    check("a question")
    page.get_by_role("button", name="Save and continue").click()
    expect_error_page(page)
    assert "Select a level for a leadership-backed approach" in page.content()
    check("a question with an error")

    first = SET.questions[0]
    page.get_by_label(f"3. {SET.level_name(3)}").check()
    page.get_by_label("Evidence or notes (optional)").fill("Procurement strategy 2026, section 4")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(rf".*/questions/{SET.questions[1].key}/$"))
    page.get_by_role("link", name="Check your answers so far").click()
    page.get_by_role("button", name="Complete the self-assessment").click()
    assert "There is a problem" in page.content()
    check("check answers with errors")
    page.get_by_role("link", name=re.compile("Select a level for publishing")).click()
    page.wait_for_url(re.compile(r".*\?from=check$"))

    assessment = page.url.split("/questions/")[0]
    for question in SET.questions[1:]:
        page.goto(f"{assessment}/questions/{question.key}/")
        page.get_by_label(f"2. {SET.level_name(2)}").check()
        page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r".*/check/$"))
    assert first.title in page.content()
    check("check answers")
    page.get_by_role("button", name="Complete the self-assessment").click()
    page.wait_for_url(re.compile(r".*/completed/$"))
    assert "Self-assessment completed" in page.content()
    check("completed")
    page.get_by_role("link", name="See the result and next steps").click()
    assert "Next steps" in page.content() and "Change since 1 October 2025" in page.content()
    check("result")

    page.context.clear_cookies()
    sign_in(page, base, world.users["buyer"].email)
    page.get_by_role("link", name="Maturity", exact=True).click()
    page.wait_for_url(re.compile(r".*/maturity/$"))
    assert "2 anchors with a completed self-assessment" in page.content()
    check("network's picture")
    page.get_by_role("link", name="The questions and what good looks like at each level").click()
    assert SET.version in page.content()
    check("questions")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
