using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// A quick static check of the Pester files, before the suite runs under pwsh (build.ps1 -Task Test): each must
    /// parse, every CancelJobs command they call must exist in the built module and be called only with parameters
    /// (or aliases) it has, and every Stop-* has its Get | Stop cross-section (tests/README.md says what else is there).
    /// </summary>
    public sealed class PesterFilesTests : IClassFixture<ModuleCommandTable>
    {
        private readonly ModuleCommandTable module;

        public PesterFilesTests(ModuleCommandTable module) => this.module = module;

        public static string PesterRoot => Path.Combine(RepoPaths.Root, "tests", "Pester");

        /// <summary>Every script and script module under tests/Pester, relative to it, so a failure names its file.</summary>
        public static TheoryData<string> PesterFiles()
        {
            var data = new TheoryData<string>();
            foreach (var file in PesterFileNames())
            {
                data.Add(file);
            }
            return data;
        }

        private static List<string> PesterFileNames() =>
            Directory.EnumerateFiles(PesterRoot, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase))
                .Select(f => Path.GetRelativePath(PesterRoot, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();

        [Fact]
        public void ThePesterSuiteHasTheSharedHelpersAndACrossSectionPerStopCommand()
        {
            Assert.Contains("TestHelpers.psm1", PesterFileNames());
            var crossSections = Path.Combine(RepoPaths.Root, Completeness.ServiceChecklist.CrossSectionsFile);
            foreach (var sample in Operations.OperationSamples.All)
            {
                Assert.True(Completeness.ServiceChecklist.HasCrossSection(crossSections, sample.GetCmdlet, sample.StopCmdlet),
                    $"{crossSections} has no test that pipes {sample.GetCmdlet} into {sample.StopCmdlet} and checks the emulator's request log and state.");
            }
        }

        /// <summary>The cross-section check must refuse what is not one, or the fact above proves nothing.</summary>
        [Fact]
        public void TheCrossSectionCheckWantsTheGetPipedIntoTheStopInsideATestThatChecksLogAndState()
        {
            const string Checks = "Assert-OneLoggedCancelPerResult $r CancelJobExecution ThingName; Get-EmulatorJobs";
            var cases = new (string Script, bool Expected)[]
            {
                ("It 'a' { $r = Get-IoTJobExecution -JobId fw-7 @aws | Where-Object Status -EQ QUEUED | Stop-IoTJobExecution -Force; " + Checks + " }", true),
                ("It 'a' { $r = Stop-IoTJobExecution fw-7 sensor-1 @aws; Get-IoTJobExecution -JobId fw-7 @aws; " + Checks + " }", false),
                ("It 'a' { $r = Stop-IoTJobExecution fw-7 sensor-1 @aws | Get-IoTJobExecution; " + Checks + " }", false),
                ("$r = Get-IoTJobExecution -JobId fw-7 @aws | Stop-IoTJobExecution -Force; It 'a' { " + Checks + " }", false),
                ("It 'a' { $r = Get-IoTJobExecution -JobId fw-7 @aws | Stop-IoTJobExecution -Force; Get-EmulatorJobs }", false),
                ("It 'a' { $r = Get-IoTJobExecution -JobId fw-7 @aws | Stop-IoTJobExecution -Force; Assert-OneLoggedCancelPerResult $r CancelJobExecution ThingName }", false),
                ("It 'a' { # Get-IoTJobExecution | Stop-IoTJobExecution\n 'Get-IoTJobExecution | Stop-IoTJobExecution'; " + Checks + " }", false),
            };
            var file = Path.Combine(Path.GetTempPath(), "canceljobs-crosssection-" + Guid.NewGuid().ToString("N") + ".Tests.ps1");
            try
            {
                foreach (var (script, expected) in cases)
                {
                    File.WriteAllText(file, script);
                    Assert.True(expected == Completeness.ServiceChecklist.HasCrossSection(file, "Get-IoTJobExecution", "Stop-IoTJobExecution"), script);
                }
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Theory]
        [MemberData(nameof(PesterFiles))]
        public void ParsesWithoutSyntaxErrors(string file)
        {
            var (_, errors) = ScriptCheck.Parse(Path.Combine(PesterRoot, file));

            Assert.True(errors.Count == 0, $"{file} has syntax errors:\n" + string.Join("\n", errors));
        }

        [Theory]
        [MemberData(nameof(PesterFiles))]
        public void CallsOnlyExportedCommandsWithTheirParameters(string file)
        {
            var (ast, errors) = ScriptCheck.Parse(Path.Combine(PesterRoot, file));
            Assert.True(errors.Count == 0, $"{file} has syntax errors:\n" + string.Join("\n", errors));

            var problems = ScriptCheck.CommandProblems(ast, module.Commands);

            Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
        }

        /// <summary>The checker itself must catch what it is for, or the theory above proves nothing.</summary>
        [Fact]
        public void TheCheckerReportsUnknownCommandsAndParametersAndAcceptsAliasesCommonParametersAndSplats()
        {
            var ast = Parser.ParseInput("""
                'a' | Stop-IoTJobExecution -JobId fw-7 -ThingNmae x @aws
                Stop-IoTJobExecution -Enforce -ThingArn y -JobId j -WhatIf -Confirm:$false -ErrorAction Stop -ea 0 -Verbose -ErrorVariable e -Force @aws
                Stop-TwinMakerTransferJob -Id tm-1 -RegionToCall us-east-1 -EndpointUrl http://x -ThrottleLimit 2 -Wait -Timeout 5
                Stop-DmsJob -Id x
                stop-iotjobexecution -jobid j -thingname t
                Get-EmulatorJobs -Bogus
                """, out _, out var errors);
            Assert.Empty(errors);

            var problems = ScriptCheck.CommandProblems(ast, module.Commands);

            Assert.Equal(2, problems.Count);
            Assert.Contains(problems, p => p.Contains("line 1") && p.Contains("-ThingNmae") && p.Contains("Stop-IoTJobExecution"));
            Assert.Contains(problems, p => p.Contains("line 4") && p.Contains("Stop-DmsJob") && p.Contains("not exported"));
        }

        [Fact]
        public void TheCommandTableComesFromTheBuiltModule()
        {
            Assert.Contains("Stop-IoTJobExecution", module.Commands.Keys);
            Assert.Contains("Enforce", module.Commands["Stop-IoTJobExecution"]);
            Assert.Contains("WhatIf", module.Commands["Stop-IoTJobExecution"]);
            Assert.All(module.Commands.Keys, name => Assert.Matches(ScriptCheck.CancelJobsCommandPattern, name));
        }
    }

    /// <summary>Static checks on PowerShell scripts: parse errors, and calls to CancelJobs commands.</summary>
    internal static class ScriptCheck
    {
        /// <summary>Verb-Noun where the noun starts with one of the services CancelJobs covers.</summary>
        public static readonly Regex CancelJobsCommandPattern = new Regex(@"^[A-Za-z]+-(TwinMaker|IoT|Dms|DataZone)\w*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static (ScriptBlockAst Ast, IReadOnlyList<string> Errors) Parse(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            return (ast, errors.Select(e => $"line {e.Extent.StartLineNumber}, column {e.Extent.StartColumnNumber}: {e.Message} [{e.ErrorId}]").ToList());
        }

        /// <summary>
        /// Each call of a CancelJobs-looking command that the module does not export, and each named parameter that is
        /// neither a parameter nor an alias of the called command. Splatted arguments cannot be checked and are skipped;
        /// parameter names must be written in full (abbreviations are reported).
        /// </summary>
        public static IReadOnlyList<string> CommandProblems(Ast ast, IReadOnlyDictionary<string, ISet<string>> commands)
        {
            var problems = new List<string>();
            // Functions the script defines itself (e.g. a stand-in for AWS Tools' same-named commands) are not ours.
            var defined = new HashSet<string>(ast.FindAll(node => node is FunctionDefinitionAst, searchNestedScriptBlocks: true)
                .Cast<FunctionDefinitionAst>().Select(f => f.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var call in ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
            {
                var name = call.GetCommandName();
                if (name != null && name.StartsWith(@"CancelJobs\", StringComparison.OrdinalIgnoreCase))
                {
                    name = name.Substring(@"CancelJobs\".Length);
                }
                else if (name != null && defined.Contains(name))
                {
                    continue;
                }
                if (name == null || !CancelJobsCommandPattern.IsMatch(name))
                {
                    continue;
                }
                var line = call.Extent.StartLineNumber;
                if (!commands.TryGetValue(name, out var parameters))
                {
                    problems.Add($"line {line}: {name} is not exported by the CancelJobs module (exported: {string.Join(", ", commands.Keys.OrderBy(k => k, StringComparer.Ordinal))}).");
                    continue;
                }
                foreach (var parameter in call.CommandElements.OfType<CommandParameterAst>())
                {
                    if (!parameters.Contains(parameter.ParameterName))
                    {
                        problems.Add($"line {parameter.Extent.StartLineNumber}: {name} has no parameter or alias -{parameter.ParameterName}.");
                    }
                }
            }
            return problems;
        }
    }

    /// <summary>
    /// The built module's commands (whatever it exports, Stop-* and Get-* alike), each with every parameter name and
    /// alias it accepts, common parameters included, as PowerShell itself reports them.
    /// </summary>
    public sealed class ModuleCommandTable : IDisposable
    {
        private const string Query = """
            foreach ($command in Get-Command -Module CancelJobs) {
                "$($command.Name)|"
                foreach ($parameter in $command.Parameters.Values) {
                    "$($command.Name)|$($parameter.Name)"
                    foreach ($alias in $parameter.Aliases) { "$($command.Name)|$alias" }
                }
            }
            """;

        public ModuleCommandTable()
        {
            using var session = new PowerShellSession(null, RepoPaths.BuiltManifest);
            var result = session.Run(Query).AssertClean();
            var commands = new Dictionary<string, ISet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in result.Output.Select(o => o.ToString()))
            {
                var parts = line.Split('|', 2);
                if (!commands.TryGetValue(parts[0], out var names))
                {
                    // Common parameters are valid on every cmdlet even if a future PowerShell stops listing them here.
                    names = new HashSet<string>(Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);
                    commands.Add(parts[0], names);
                }
                if (parts[1].Length > 0)
                {
                    names.Add(parts[1]);
                }
            }
            if (commands.Count == 0)
            {
                throw new InvalidOperationException("Get-Command -Module CancelJobs returned no commands from " + RepoPaths.BuiltManifest);
            }
            Commands = commands;
        }

        public IReadOnlyDictionary<string, ISet<string>> Commands { get; }

        public void Dispose()
        {
        }
    }
}
