using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

/// <summary>What an admin does on the plan simulator's pages, as a browser would.</summary>
public static class SimulatorSteps
{
    /// <summary>Saves a draft through the form (percents and amounts typed as given, e.g. "12,5" in Russian); returns its id.</summary>
    public static async Task<long> SaveDraftAsync(this MlmAppFactory app, HttpClient admin, string name, string personal, string[] levels, bool compression = false, string minimum = "0", long? draftId = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(levels);
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.PersonalPercent"] = personal,
            ["Input.Compression"] = compression ? "true" : "false",
            ["Input.MinPersonalVolume"] = minimum,
        };
        if (draftId is { } id)
        {
            fields["Input.DraftId"] = id.ToString(CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < levels.Length; i++)
        {
            fields[$"Input.Levels[{i}]"] = levels[i];
        }

        var response = await admin.PostFormAsync("/Admin/Simulator?handler=Save", fields, "/Admin/Simulator");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving the draft answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await app.WithDbAsync(db => db.PlanDrafts.Where(d => d.Name == name).Select(d => d.Id).SingleAsync());
    }

    /// <summary>Asks for a replay and waits for the background worker to finish it; returns the run's id.</summary>
    public static async Task<long> ReplayAsync(this MlmAppFactory app, HttpClient admin, long draftId, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(admin);
        var response = await admin.PostFormAsync(
            "/Admin/Simulator?handler=Run",
            new() { ["Replay.DraftId"] = draftId.ToString(CultureInfo.InvariantCulture), ["Replay.From"] = from, ["Replay.To"] = to },
            "/Admin/Simulator");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The replay answered {response.StatusCode}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Admin/Simulator/Runs/", location, StringComparison.Ordinal);
        var id = long.Parse(location["/Admin/Simulator/Runs/".Length..], CultureInfo.InvariantCulture);
        for (var waited = 0; waited < 600; waited++)
        {
            var run = await app.WithDbAsync(db => db.SimulationRuns.AsNoTracking().SingleAsync(r => r.Id == id));
            if (run.IsFinished)
            {
                Assert.True(run.Status == SimulationStatus.Done, $"Run {id} {run.Status}: {run.Error}");
                return id;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Run {id} did not finish in a minute.");
    }
}
