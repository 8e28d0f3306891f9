using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CancelJobs.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Get-Help for the built module: every exported cmdlet has real help (not the syntax PowerShell makes up for a
    /// binary cmdlet without a MAML file), and docs/help/ holds exactly one markdown file per exported cmdlet.
    /// </summary>
    public sealed class HelpTests : IClassFixture<EmulatorFixture>
    {
        private static readonly string DocsFolder = Path.Combine(RepoPaths.Root, "docs", "help");
        private static readonly string HelpFile = Path.Combine(RepoPaths.Root, "out", "CancelJobs", "en-US", "CancelJobs.dll-Help.xml");

        private readonly EmulatorFixture emulator;
        private readonly ITestOutputHelper output;

        public HelpTests(EmulatorFixture emulator, ITestOutputHelper output)
        {
            this.emulator = emulator;
            this.output = output;
        }

        /// <summary>The manifest's CmdletsToExport (read from the file, so a missing help file cannot hide a command).</summary>
        public static IEnumerable<object[]> ExportedCommands()
        {
            var manifest = File.ReadAllText(RepoPaths.SourceManifest);
            var list = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<names>[^)]*)\)").Groups["names"].Value;
            return Regex.Matches(list, "'(?<name>[^']+)'").Select(m => new object[] { m.Groups["name"].Value });
        }

        [Fact]
        public void TheBuiltModuleFolderHoldsTheHelpFileForTheCmdletAssembly()
        {
            Assert.True(File.Exists(HelpFile), $"{HelpFile} is missing: the build's LayOutHelp step did not run.");
            var root = XDocument.Load(HelpFile).Root!;
            Assert.Equal("helpItems", root.Name.LocalName);
            Assert.Equal(Exported(), root.Elements().Where(e => e.Name.LocalName == "command").Select(c => c.Descendants().First(e => e.Name.LocalName == "name").Value)
                .OrderBy(n => n, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(ExportedCommands))]
        public void GetHelpShowsASynopsisDescriptionExamplesAndEveryVisibleParameter(string command)
        {
            using var session = emulator.NewSession();

            var result = session.Run($$"""
                $help = Get-Help {{command}} -Full
                $command = Get-Command {{command}}
                $common = [System.Management.Automation.Cmdlet]::CommonParameters
                function Text($value) { (@($value) | Where-Object { $_ } | ForEach-Object { $_.Text }) -join "`n" }
                function Shown($parameter) { @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and -not $_.DontShow }).Count -gt 0 }
                [pscustomobject]@{
                    Synopsis    = [string]$help.Synopsis
                    Description = Text $help.description
                    Examples    = @($help.examples.example | Where-Object { "$($_.code)".Trim() -and (Text $_.remarks).Trim() }).Count
                    Syntaxes    = @($help.syntax.syntaxItem).Count
                    ParameterSets = @($command.ParameterSets).Count
                    # Visible: not a common parameter, and shown in at least one parameter set (DontShow hides InputObject, Connection).
                    Visible     = @($command.Parameters.Values | Where-Object { $common -notcontains $_.Name -and (Shown $_) } | ForEach-Object { $_.Name })
                    Hidden      = @($command.Parameters.Values | Where-Object { -not (Shown $_) } | ForEach-Object { $_.Name })
                    Described   = @($help.parameters.parameter | Where-Object { (Text $_.description).Trim() } | ForEach-Object { $_.name })
                    Documented  = @($help.parameters.parameter | ForEach-Object { $_.name })
                    Inputs      = @($help.inputTypes.inputType | Where-Object { $_.type.name -and (Text $_.description).Trim() }).Count
                    Outputs     = @($help.returnValues.returnValue | ForEach-Object { [string]$_.type.name })
                    OutputTypes = @($command.OutputType | ForEach-Object { $_.Name })
                }
                """).AssertClean();

            var help = Assert.Single(result.Output);
            string Text(string name) => help.Properties[name].Value?.ToString() ?? "";
            string[] Names(string name) => ((object[])help.Properties[name].Value).Select(o => o.ToString()!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            int Count(string name) => Convert.ToInt32(help.Properties[name].Value, System.Globalization.CultureInfo.InvariantCulture);

            // Without a MAML file PowerShell makes the synopsis from the syntax: "Stop-X [-A] <string> ...".
            var synopsis = Text("Synopsis").Trim();
            Assert.False(synopsis.Length == 0, $"{command}: empty synopsis.");
            Assert.False(synopsis.StartsWith(command, StringComparison.OrdinalIgnoreCase) || synopsis.Contains("[-", StringComparison.Ordinal),
                $"{command}: the synopsis is the syntax line, so no help was found: {synopsis}");
            Assert.False(Text("Description").Trim().Length == 0, $"{command}: empty description.");
            Assert.True(Count("Examples") >= 2, $"{command}: {Count("Examples")} example(s) with code and remarks; expected at least 2.");
            Assert.Equal(Count("ParameterSets"), Count("Syntaxes"));

            var visible = Names("Visible");
            Assert.NotEmpty(visible);
            Assert.Empty(visible.Except(Names("Described")));
            Assert.Empty(Names("Hidden").Intersect(Names("Documented")));
            Assert.Empty(Names("Documented").Except(visible));

            Assert.True(Count("Inputs") >= 1, $"{command}: no described input type.");
            Assert.NotEmpty(Names("OutputTypes"));
            Assert.Equal(Names("OutputTypes"), Names("Outputs"));
        }

        [Fact]
        public void EveryHelpMarkdownFileIsAnExportedCommandAndEveryCommandHasOne()
        {
            var documented = Directory.GetFiles(DocsFolder, "*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).ToArray();

            Assert.Equal(Exported(), documented);
        }

        [Fact]
        public void FullHelpForStopIoTJobExecutionReadsLikeHelp()
        {
            using var session = emulator.NewSession();

            var text = session.RunFormatted("Get-Help Stop-IoTJobExecution -Full");
            output.WriteLine(text);

            Assert.Contains("Cancels AWS IoT job executions", text);
            Assert.Contains("-CancelInProgress", text);
            Assert.Contains("may leave the device unable to report", text);
            Assert.Contains("Example 1", text);
            Assert.Contains("Stop-IoTJobExecution -WhatIf", text);
            Assert.Contains("CancelJobs.Engine.IoT.IoTJobExecutionCancellation", text);
            Assert.DoesNotContain("InputObject", text);
            Assert.DoesNotContain("-Connection", text);
        }

        private string[] Exported()
        {
            using var session = emulator.NewSession();
            return session.Run("(Get-Command -Module CancelJobs).Name").AssertClean().Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }
    }
}
