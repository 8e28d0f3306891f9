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
    /// (.config/dotnet-tools.json, restored here once as the README's test command does). Only the paths that build nothing are
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

        /// <summary>`dotnet tool restore` once per test run (a no-op when the pinned pwsh is already restored).</summary>
        private static readonly Lazy<Task<ProcessRun>> ToolRestore = new(() => RunDotnetAsync("tool", "restore"));

        private static async Task<ProcessRun> RunBuildScriptAsync(params string[] arguments)
        {
            var restore = await ToolRestore.Value;
            Assert.True(restore.ExitCode == 0, "dotnet tool restore failed: " + restore);
            return await RunDotnetAsync(["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepoPaths.Root, "build.ps1"), .. arguments]);
        }

        private static async Task<ProcessRun> RunDotnetAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["NO_COLOR"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
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
                throw new TimeoutException("dotnet " + string.Join(" ", arguments) + " did not finish within 2 minutes.");
            }
            return new ProcessRun(process.ExitCode, await stdout, await stderr);
        }

        private sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
        {
            public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
        }
    }
}
