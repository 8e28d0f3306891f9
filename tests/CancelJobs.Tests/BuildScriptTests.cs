using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// build.ps1 run as a person runs it from bash: `dotnet pwsh ./build.ps1 …` with the repository's pinned pwsh
    /// (.config/dotnet-tools.json; the README's test command restores it first). Only the paths that build nothing are
    /// run here; the Test and Package tasks are what CI runs (.ci/run), and tests/Pester/Install.Tests.ps1 packages.
    /// </summary>
    public sealed class BuildScriptTests
    {
        [Fact]
        public async Task TasksGivenAsOneCommaSeparatedStringAreSplitAndCheckedBeforeAnythingRuns()
        {
            // From bash, "-Task Build,Bogus" arrives as one string; the unknown one is named and nothing is built.
            var run = await RunBuildScriptAsync("-Task", "Build,Bogus");

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("Unknown task 'Bogus'. Tasks: Build, Test, Package, Clean.", run.Stderr.ReplaceLineEndings(" "));
            Assert.DoesNotContain("Unknown task 'Build", run.Stderr);
            Assert.DoesNotContain("== Build", run.Stdout);
            Assert.DoesNotContain("dotnet build", run.Stdout);
        }

        [Fact]
        public async Task AnUnknownConfigurationIsRefusedByName()
        {
            var run = await RunBuildScriptAsync("-Task", "Build", "-Configuration", "Fast");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Configuration", run.Stderr);
            Assert.DoesNotContain("== Build", run.Stdout);
        }

        private static async Task<ProcessRun> RunBuildScriptAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepoPaths.Root, "build.ps1") })
            {
                start.ArgumentList.Add(argument);
            }
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["NO_COLOR"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet tool run pwsh did not start.");
            process.StandardInput.Close();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("build.ps1 " + string.Join(" ", arguments) + " did not finish within 2 minutes.");
            }
            var run = new ProcessRun(process.ExitCode, await stdout, await stderr);
            Assert.False(run.Stderr.Contains("dotnet tool restore", StringComparison.Ordinal), "Restore the pinned pwsh first (dotnet tool restore): " + run);
            return run;
        }

        private sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
        {
            public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
        }
    }
}
