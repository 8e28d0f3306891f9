using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Control;

namespace CancelJobs.Bench;

/// <summary>
/// Section t: how long Tab takes on a Stop-* identifier, whose completer runs the matching Get-* under a 1 s budget.
/// Against a responsive endpoint it should offer the ids quickly; against one that answers in 4 s every Tab should still
/// come back in about the budget, including the Tabs that find the completion runspace re-importing the module.
/// </summary>
internal sealed partial class Bench
{
    private const int CompletionTabs = 5;
    private readonly List<string> completionLines = new();

    private Task CompletionRowsAsync()
    {
        EmulatorState state = emulator!.State;
        state.Reset();
        state.SeedDemo();
        using var session = new PowerShellSession();
        session.Import(Paths.ModuleManifest);
        session.UseEndpoint(emulator.BaseUri.ToString());
        const string line = "Stop-TwinMakerTransferJob @aws -MetadataTransferJobId ";
        string script = $"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches";

        // The first Tab of a process imports the module into the completion runspace; later ones find it ready.
        (double Ms, int Offered) Tab()
        {
            var clock = Stopwatch.StartNew();
            var result = session.Run(script);
            return (clock.Elapsed.TotalMilliseconds, result.Output);
        }
        void Measure(string endpoint, int latencyMs)
        {
            state.Faults = new FaultSettings { LatencyMs = latencyMs };
            var tabs = Enumerable.Range(0, CompletionTabs).Select(_ => Tab()).ToList();
            completionLines.Add($"| {endpoint} | {latencyMs} | {string.Join(", ", tabs.Select(t => $"{t.Ms:0}"))} | {tabs.Max(t => t.Ms):0} | {string.Join(", ", tabs.Select(t => t.Offered))} |");
            Log($"completion, {endpoint}: {string.Join(", ", tabs.Select(t => $"{t.Ms:0} ms/{t.Offered}"))}");
        }

        Measure("responsive", 0);
        Measure("slow (answers in 4 s)", 4000);
        state.Faults = FaultSettings.None;
        return Task.CompletedTask;
    }

    private void RenderCompletion(StringBuilder s)
    {
        if (completionLines.Count == 0) return;
        s.AppendLine();
        s.AppendLine($"Tab completion (t): {CompletionTabs} Tabs in a row on `Stop-TwinMakerTransferJob @aws -MetadataTransferJobId `, in one session; the " +
                     "completer runs Get-TwinMakerTransferJob under a 1 s budget (the first Tab of a process also imports the module into its runspace).");
        s.AppendLine();
        s.AppendLine("| endpoint | latency ms | each Tab, ms | slowest, ms | ids offered | ");
        s.AppendLine("|---|--:|---|--:|---|");
        foreach (string entry in completionLines) s.AppendLine(entry);
    }
}
