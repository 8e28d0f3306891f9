using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CancelJobs.Loader
{
    /// <summary>
    /// Loads the engine and AWSSDK.Core from the module's dependencies folder. On PowerShell 7 they go into a
    /// load context of their own, so a session that already loaded AWS Tools (another AWSSDK.Core) still works.
    /// Windows PowerShell cannot isolate; it resolves from dependencies/desktop.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string EngineAssemblyName = "CancelJobs.Engine";

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        private static bool IsWindowsPowerShell => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>The oldest PowerShell 7 whose .NET (8) runs the net8.0 engine and AWSSDK.Core we ship.</summary>
        internal static readonly Version OldestSupportedCore = new Version(7, 4);

        public void OnImport()
        {
            if (IsWindowsPowerShell)
            {
                DesktopResolver.Register(Path.Combine(ModuleDirectory, "dependencies", "desktop"));
            }
            else
            {
                // System.Management.Automation's assembly version is major.minor.0.500 in every PowerShell 7 release.
                RefuseUnsupportedCore(typeof(PSObject).Assembly.GetName().Version);
                IsolatedResolver.Register(Path.Combine(ModuleDirectory, "dependencies"));
            }
        }

        /// <summary>
        /// PowerShell 7.0-7.3 run on .NET Core 3.1-7, which cannot load our net8.0 dependencies; without this check the
        /// module imports and its first command fails with a type-load error that says nothing useful.
        /// </summary>
        internal static void RefuseUnsupportedCore(Version? powerShell)
        {
            if (powerShell != null && powerShell < OldestSupportedCore)
            {
                throw new PlatformNotSupportedException(
                    $"CancelJobs needs PowerShell {OldestSupportedCore} or later (or Windows PowerShell 5.1); this is PowerShell {powerShell.ToString(2)}. " +
                    "Install a supported PowerShell (https://aka.ms/powershell-release?tag=lts) and import the module there.");
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsWindowsPowerShell)
            {
                DesktopResolver.Unregister();
            }
            else
            {
                IsolatedResolver.Unregister();
            }
        }

        /// <summary>.NET Framework: plain AssemblyResolve over the desktop dependencies folder.</summary>
        private static class DesktopResolver
        {
            private static string directory = "";

            public static void Register(string dependencies)
            {
                directory = dependencies;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }

            public static void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

            private static Assembly? Resolve(object? sender, ResolveEventArgs args)
            {
                var path = Path.Combine(directory, new AssemblyName(args.Name).Name + ".dll");
                return File.Exists(path) ? Assembly.LoadFrom(path) : null;
            }
        }
    }
}
