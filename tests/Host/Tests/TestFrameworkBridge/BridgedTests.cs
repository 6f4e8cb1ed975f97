using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using nanoFramework.TestFramework;
using Xunit;
using TestClassAttribute = nanoFramework.TestFramework.TestClassAttribute;
using TestMethodAttribute = nanoFramework.TestFramework.TestMethodAttribute;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Runs the on-device tests under xunit: every [TestMethod] of every [TestClass] (and every [DataRow] of it)
    /// becomes one xunit test case named Class.Method, so each passes or fails on its own with its assert's message.
    /// [Setup] and [Cleanup] run around each case rather than once per class: xunit may run cases in any order,
    /// and a fresh start per case keeps them independent.
    /// </summary>
    public class BridgedTests
    {
        public static IEnumerable<ITheoryDataRow> Cases()
        {
            foreach (Type type in TestClasses())
            {
                foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null
                    || m.GetCustomAttributes<DataRowAttribute>().Any()).OrderBy(m => m.MetadataToken))
                {
                    DataRowAttribute[] rows = method.GetCustomAttributes<DataRowAttribute>().ToArray();
                    if (rows.Length == 0)
                    {
                        yield return new TheoryDataRow<string, string, int>(type.FullName, method.Name, -1)
                        {
                            TestDisplayName = type.Name + "." + method.Name,
                        };
                        continue;
                    }
                    for (int i = 0; i < rows.Length; i++)
                    {
                        string args = string.Join(", ", rows[i].MethodParameters.Select(p => p?.ToString() ?? "null"));
                        yield return new TheoryDataRow<string, string, int>(type.FullName, method.Name, i)
                        {
                            TestDisplayName = type.Name + "." + method.Name + "(" + args + ")",
                        };
                    }
                }
            }
        }

        public static IEnumerable<Type> TestClasses() =>
            typeof(BridgedTests).Assembly.GetTypes()
                .Where(t => t.IsClass && t.GetCustomAttribute<TestClassAttribute>() != null)
                .OrderBy(t => t.FullName);

        [Theory]
        [MemberData(nameof(Cases))]
        public void Run(string testClass, string testMethod, int dataRow)
        {
            Type type = typeof(BridgedTests).Assembly.GetType(testClass, throwOnError: true);
            MethodInfo method = type.GetMethod(testMethod);
            object instance = method.IsStatic ? null : Activator.CreateInstance(type);
            object[] parameters = dataRow < 0 ? null : method.GetCustomAttributes<DataRowAttribute>().ElementAt(dataRow).MethodParameters;

            InvokeAll(type, instance, typeof(SetupAttribute));
            try
            {
                Invoke(method, instance, parameters);
            }
            finally
            {
                InvokeAll(type, instance, typeof(CleanupAttribute));
            }
        }

        private static void InvokeAll(Type type, object instance, Type attribute)
        {
            foreach (MethodInfo m in type.GetMethods().Where(m => m.GetCustomAttribute(attribute) != null))
            {
                Invoke(m, m.IsStatic ? null : instance, null);
            }
        }

        // Unwraps reflection's wrapper, so the case fails with the assert's own exception and message.
        private static void Invoke(MethodInfo method, object instance, object[] parameters)
        {
            try
            {
                method.Invoke(instance, parameters);
            }
            catch (TargetInvocationException e) when (e.InnerException is SkipTestException skip)
            {
                Xunit.Assert.Skip(skip.Message ?? "skipped");
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
