// A background job's page follows the job: its status and progress are read every 1.5 seconds
// from the job's status.json and written into the page's live region (announced politely to
// screen readers). When the job ends the page reloads to show the outcome, or goes on to the
// next step (the column check) when it was opened to follow the job. Without JavaScript the
// page says to refresh it.
const box = document.getElementById("job-status");

if (box && box.dataset.finished !== "true") {
  const field = (name) => box.querySelector(`[data-job-field="${name}"]`);
  const poll = async () => {
    let state;
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      state = await response.json();
    } catch {
      window.setTimeout(poll, 5000); // the server is busy or restarting: try again a little later
      return;
    }
    field("status_label").textContent = state.status_label;
    field("progress").textContent = state.progress || (state.status === "queued" ? "Waiting for the background worker." : "");
    if (!state.finished) {
      window.setTimeout(poll, 1500);
    } else if (box.dataset.follow === "true" && state.follow && state.next_url) {
      window.location.assign(state.next_url);
    } else {
      window.location.reload();
    }
  };
  window.setTimeout(poll, 1000);
}
