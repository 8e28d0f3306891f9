using System;
using System.Collections.Generic;
using System.Reflection;

namespace CancelJobs.Infrastructure
{
    /// <summary>One <see cref="IdentifierAttribute"/> parameter of a Stop-* command: the names a piped object may carry it under.</summary>
    internal sealed class IdentifierSlot
    {
        private readonly Func<object, string?> get;
        private readonly Action<object, string> set;

        public IdentifierSlot(PropertyInfo property, IReadOnlyList<string> names, bool byValue)
        {
            Parameter = property.Name;
            Names = names;
            ByValue = byValue;
            // Compiled once per command: binding runs for every piped item, and reflection's Invoke allocates per call.
            var instance = System.Linq.Expressions.Expression.Parameter(typeof(object), "cmdlet");
            var value = System.Linq.Expressions.Expression.Parameter(typeof(string), "value");
            var typed = System.Linq.Expressions.Expression.Convert(instance, property.DeclaringType!);
            get = System.Linq.Expressions.Expression.Lambda<Func<object, string?>>(System.Linq.Expressions.Expression.Property(typed, property), instance).Compile();
            set = System.Linq.Expressions.Expression.Lambda<Action<object, string>>(
                System.Linq.Expressions.Expression.Assign(System.Linq.Expressions.Expression.Property(typed, property), value), instance, value).Compile();
        }

        public string Parameter { get; }

        /// <summary>The parameter's name, then its aliases, in the order a property or key is looked for.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>Takes a piped string or number itself.</summary>
        public bool ByValue { get; }

        public string? Get(object cmdlet) => get(cmdlet);

        public void Set(object cmdlet, string value) => set(cmdlet, value);
    }
}
