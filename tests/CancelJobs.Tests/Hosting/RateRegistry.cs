using System;
using System.Linq;
using System.Reflection;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>
    /// The module's process-wide rate registry (<c>CancelJobs.Engine.Bulk.RateControllers</c>), reached by reflection:
    /// the engine is loaded by the module into its own load context, never referenced by this project.
    /// </summary>
    public static class RateRegistry
    {
        /// <summary>
        /// Forgets the rates the module learned for one emulator, so a test starts from no throttling history. Only that
        /// emulator's: test classes run in parallel, each with its own emulator, and a command running in another class
        /// must keep what it learned.
        /// </summary>
        public static void Forget(Uri emulator)
        {
            var engines = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CancelJobs.Engine").ToList();
            if (engines.Count == 0)
            {
                throw new InvalidOperationException("The module's engine is not loaded yet: forget rates after importing the module.");
            }
            foreach (var engine in engines)
            {
                var forget = engine.GetType("CancelJobs.Engine.Bulk.RateControllers", throwOnError: true)!
                    .GetMethod("Forget", BindingFlags.Public | BindingFlags.Static)
                    ?? throw new MissingMethodException("CancelJobs.Engine.Bulk.RateControllers", "Forget");
                forget.Invoke(null, new object[] { emulator.ToString() });
            }
        }
    }
}
