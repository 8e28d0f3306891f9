using System;
using System.IO;
using System.Reflection;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// The loader's refusal of PowerShell 7.0-7.3 (whose .NET cannot load the net8.0 engine). Those versions are not
    /// on this machine, so the check is called directly on the laid-out loader with the versions they report.
    /// </summary>
    public sealed class LoaderVersionTests
    {
        private static readonly MethodInfo Refuse = Assembly.LoadFrom(Path.Combine(RepoPaths.Root, "out", "CancelJobs", "CancelJobs.Loader.dll"))
            .GetType("CancelJobs.Loader.ModuleInitializer", throwOnError: true)!
            .GetMethod("RefuseUnsupportedCore", BindingFlags.NonPublic | BindingFlags.Static)!;

        [Theory]
        // System.Management.Automation's assembly version is major.minor.0.500 in every 7.x release.
        [InlineData("7.0.0.500")]
        [InlineData("7.3.0.500")]
        public void PowerShellBefore74IsRefusedWithWhatIsSupported(string version)
        {
            var error = Assert.Throws<TargetInvocationException>(() => Refuse.Invoke(null, new object[] { new Version(version) }));

            var refusal = Assert.IsType<PlatformNotSupportedException>(error.InnerException);
            Assert.Contains("CancelJobs needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this is PowerShell " + version[..3] + ".", refusal.Message);
        }

        [Theory]
        [InlineData("7.4.0.500")]
        [InlineData("7.6.0.500")]
        public void PowerShell74AndLaterAreAccepted(string version) => Refuse.Invoke(null, new object[] { new Version(version) });
    }
}
