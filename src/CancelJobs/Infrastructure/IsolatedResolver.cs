using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// PowerShell 7: the default context asks us only for the engine assembly, and we hand it over from a private
    /// load context whose own references (AWSSDK.Core) resolve from the dependencies folder first. Kept in its own
    /// class so Windows PowerShell never loads the AssemblyLoadContext type.
    /// </summary>
    internal static class IsolatedResolver
    {
        private static DependencyLoadContext? context;

        public static void Register(string dependencies)
        {
            context ??= new DependencyLoadContext(dependencies);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        public static void Unregister() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
            name.Name == ModuleInitializer.EngineAssemblyName ? context!.LoadFromAssemblyName(name) : null;

        private sealed class DependencyLoadContext : AssemblyLoadContext
        {
            private readonly string directory;

            public DependencyLoadContext(string directory) => this.directory = directory;

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                var path = Path.Combine(directory, assemblyName.Name + ".dll");
                // Anything not shipped in dependencies/ (the framework, PowerShell) comes from the default context.
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
