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

        public void OnImport()
        {
            if (IsWindowsPowerShell)
            {
                DesktopResolver.Register(Path.Combine(ModuleDirectory, "dependencies", "desktop"));
            }
            else
            {
                IsolatedResolver.Register(Path.Combine(ModuleDirectory, "dependencies"));
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
