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
        /// <summary>Forgets every rate the module learned in this process, so a test starts from no throttling history.</summary>
        public static void Reset()
        {
            var engines = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "CancelJobs.Engine").ToList();
            if (engines.Count == 0)
            {
                throw new InvalidOperationException("The module's engine is not loaded yet: reset the rate registry after importing the module.");
            }
            foreach (var engine in engines)
            {
                var reset = engine.GetType("CancelJobs.Engine.Bulk.RateControllers", throwOnError: true)!
                    .GetMethod("Reset", BindingFlags.Public | BindingFlags.Static)
                    ?? throw new MissingMethodException("CancelJobs.Engine.Bulk.RateControllers", "Reset");
                reset.Invoke(null, null);
            }
        }
    }
}
