using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Tests.Completeness;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Every service the engine implements has every piece the fifth-service checklist in docs/DESIGN-NOTES.md names;
    /// the services are found in the built module, so a new one is held to the list as soon as it compiles.
    /// </summary>
    public sealed class ServiceCompletenessTests : IClassFixture<ServiceCompletenessTests.Discovered>
    {
        private readonly IReadOnlyList<JobServiceShape> services;

        public ServiceCompletenessTests(Discovered discovered) => services = discovered.Services;

        public sealed class Discovered
        {
            public Discovered()
            {
                using var session = new PowerShellSession(null, RepoPaths.BuiltManifest);
                var cmdlets = session.Run("Get-Command -Module CancelJobs -CommandType Cmdlet").AssertClean()
                    .Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
                Services = JobServiceShape.Discover(cmdlets);
            }

            public IReadOnlyList<JobServiceShape> Services { get; }
        }

        [Fact]
        public void TheFourServicesAreFoundWithTheirCmdlets()
        {
            Assert.Equal(new[] { "DataZone", "Dms", "IoT", "TwinMaker" }, services.Select(s => s.Folder).Where(f => f is "DataZone" or "Dms" or "IoT" or "TwinMaker").Distinct());
            Assert.Equal(new[] { "Stop-IoTJob", "Stop-IoTJobExecution" }, services.Where(s => s.Folder == "IoT").Select(s => s.StopCmdlet).OrderBy(n => n, StringComparer.Ordinal));
            var twinMaker = services.Single(s => s.Folder == "TwinMaker");
            Assert.Equal("Stop-TwinMakerTransferJob", twinMaker.StopCmdlet);
            Assert.Equal("Get-TwinMakerTransferJob", twinMaker.GetCmdlet);
            Assert.Equal("CancelJobs.Engine.TwinMaker.TwinMakerTransferJob", twinMaker.RecordType);
            Assert.Equal(new[] { "CancelMetadataTransferJob", "GetMetadataTransferJob", "ListMetadataTransferJobs" },
                new ServiceChecklist(RepoPaths.Root).OperationsSent("TwinMaker"));
        }

        [Fact]
        public void EveryServiceHasEveryPiece()
        {
            var checklist = new ServiceChecklist(RepoPaths.Root);

            var missing = services.SelectMany(checklist.Missing).ToList();

            Assert.True(missing.Count == 0, "Missing pieces (see docs/DESIGN-NOTES.md, 'Adding an operation'):\n" + string.Join("\n", missing));
        }

        [Fact]
        public void TheChecklistNamesEachPieceAServiceLacks()
        {
            using var copy = new RepoCopy();
            var dms = services.Single(s => s.Folder == "Dms");
            Assert.Empty(new ServiceChecklist(copy.Root).Missing(dms));

            copy.Delete("src/CancelJobs.Engine/Dms/DmsMetadataModelConversionTarget.cs");
            copy.Delete("docs/help/Get-DmsMetadataModelConversion.md");
            copy.Edit("tests/Pester/CrossSections.Tests.ps1", text => text.Replace("| Stop-DmsMetadataModelConversion -Force", "| ForEach-Object { $_ }"));
            copy.Delete("tests/Conformance/test/dms.test.mjs");
            copy.Edit("CancelJobs.psd1", text => text.Replace("'Get-DmsMetadataModelConversion'", ""));
            copy.Edit("src/CancelJobs/CancelJobs.Format.ps1xml", text => text.Replace("CancelJobs.Engine.Dms.DmsMetadataModelConversionCancellation", "Removed"));
            copy.Edit("src/CancelJobs.Emulator/Services/Dms/DmsService.cs", text => text.Replace("\"CancelMetadataModelConversion\"", "\"Renamed\""));
            copy.Edit("src/CancelJobs.Emulator/Hosting/ServiceCatalog.cs", text => text.Replace("new DmsService(", "new Other("));

            var missing = new ServiceChecklist(copy.Root).Missing(dms);

            Assert.Equal(new[]
            {
                "Dms: no engine file for the target type src/CancelJobs.Engine/Dms/DmsMetadataModelConversionTarget.cs",
                "Dms: CancelJobs.psd1 CmdletsToExport lacks Get-DmsMetadataModelConversion",
                "Dms: no help file docs/help/Get-DmsMetadataModelConversion.md",
                "Dms: CancelJobs.Format.ps1xml (nor src/CancelJobs/Formats/) has no view for CancelJobs.Engine.Dms.DmsMetadataModelConversionCancellation",
                "Dms: no test in tests/Pester/CrossSections.Tests.ps1 pipes Get-DmsMetadataModelConversion into Stop-DmsMetadataModelConversion and checks the emulator's request log and state",
                "Dms: the emulator (src/CancelJobs.Emulator/Services/Dms) has no route for CancelMetadataModelConversion",
                "Dms: the emulator's ServiceCatalog does not register DmsService",
                "Dms: no conformance test (official JS client against the emulator) tests/Conformance/test/dms.test.mjs",
            }, missing.Select(m => m.Replace('\\', '/')));
        }

        [Fact]
        public void ATypeNotNamedAfterTheCmdletNounCountsAsMissing()
        {
            var dms = services.Single(s => s.Folder == "Dms");
            Assert.Equal("DmsMetadataModelConversion", dms.Noun);
            Assert.Equal("CancelJobs.Engine.Dms.DmsMetadataModelConversionTarget", dms.TargetType);

            // The name the target had before issue 19.
            var missing = new ServiceChecklist(RepoPaths.Root).Missing(dms.WithTargetType("CancelJobs.Engine.Dms.DmsConversionTarget")).Select(m => m.Replace('\\', '/')).ToList();

            Assert.Equal(new[]
            {
                "Dms: the target type DmsConversionTarget is not named after the noun of Stop-DmsMetadataModelConversion: DmsMetadataModelConversionTarget",
                "Dms: no engine file for the target type src/CancelJobs.Engine/Dms/DmsConversionTarget.cs",
            }, missing);
        }

        [Fact]
        public void ATestFileWithoutATestOfItsCommandCountsAsMissing()
        {
            using var copy = new RepoCopy();
            var dms = services.Single(s => s.Folder == "Dms");

            copy.Edit("tests/Pester/CrossSections.Tests.ps1", _ => "# emptied\n");
            copy.Edit("tests/CancelJobs.Tests/GetDmsMetadataModelConversionTests.cs", text => text.Replace("[Fact]", "").Replace("[Theory]", ""));

            var missing = new ServiceChecklist(copy.Root).Missing(dms).Select(m => m.Replace('\\', '/')).ToList();

            Assert.Contains("Dms: no test in tests/Pester/CrossSections.Tests.ps1 pipes Get-DmsMetadataModelConversion into Stop-DmsMetadataModelConversion and checks the emulator's request log and state", missing);
            Assert.Contains("Dms: the hosted test class tests/CancelJobs.Tests/GetDmsMetadataModelConversionTests.cs has no test that calls Get-DmsMetadataModelConversion", missing);
        }

        /// <summary>The files the checklist reads, copied to a temporary tree a test may break.</summary>
        private sealed class RepoCopy : IDisposable
        {
            public RepoCopy()
            {
                Root = Path.Combine(Path.GetTempPath(), "canceljobs-checklist-" + Guid.NewGuid().ToString("N"));
                foreach (var relative in new[] { "README.md", "CancelJobs.psd1", "src/CancelJobs/CancelJobs.Format.ps1xml", "src/CancelJobs/Formats", "docs/help", "tests/Pester",
                    "tests/CancelJobs.Tests", "tests/CancelJobs.Emulator.Tests", "tests/CancelJobs.Engine.Tests/WireTests.cs", "tests/Conformance/test",
                    "src/CancelJobs.Engine", "src/CancelJobs.Emulator/Services", "src/CancelJobs.Emulator/Hosting", "src/CancelJobs.Emulator/Seeding" })
                {
                    Copy(Path.Combine(RepoPaths.Root, relative), Path.Combine(Root, relative));
                }
            }

            public string Root { get; }

            public void Delete(string relative) => File.Delete(Path.Combine(Root, relative));

            public void Edit(string relative, Func<string, string> change)
            {
                var path = Path.Combine(Root, relative);
                var before = File.ReadAllText(path);
                var after = change(before);
                Assert.NotEqual(before, after);
                File.WriteAllText(path, after);
            }

            public void Dispose() => Directory.Delete(Root, true);

            private static void Copy(string from, string to)
            {
                if (File.Exists(from))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(from, to);
                    return;
                }
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}")))
                {
                    Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
                }
            }
        }
    }
}
