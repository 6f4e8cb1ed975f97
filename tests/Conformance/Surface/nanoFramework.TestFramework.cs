// Mirrors nanoFramework.TestFramework 3.0.80, the version tests/TcAtMcu.Tests pins; members checked against its
// source (TestFramework and the shared project compiled into it). What an on-device test may call.
namespace nanoFramework.TestFramework
{
    using System;
    using System.Runtime.CompilerServices;

    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public class SetupAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public class CleanupAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { }
        public object[] MethodParameters { get { throw null; } }
    }

    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception innerException = null) { }
    }

    public static class OutputHelper
    {
        public static void Write(string message) { }
        public static void WriteLine(string message) { }
    }

    public sealed partial class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(double expected, double actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(float expected, float actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(sbyte expected, sbyte actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(short expected, short actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(long notExpected, long actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreSame(object expected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void AreNotSame(object notExpected, object actual, [CallerArgumentExpression("actual")] string message = "") { }
        public static void Contains(string expected, string value, [CallerArgumentExpression("value")] string message = "") { }
        public static void StartsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "") { }
        public static void EndsWith(string expected, string value, [CallerArgumentExpression("value")] string message = "") { }
        public static void IsTrue(bool condition, [CallerArgumentExpression("condition")] string message = "") { }
        public static void IsFalse(bool condition, [CallerArgumentExpression("condition")] string message = "") { }
        public static void IsNull(object value, [CallerArgumentExpression("value")] string message = "") { }
        public static void IsNotNull(object value, [CallerArgumentExpression("value")] string message = "") { }
        public static void IsInstanceOfType(object value, Type expected, [CallerArgumentExpression("value")] string message = "") { }
        public static void ThrowsException(Type exception, Action action, [CallerArgumentExpression("action")] string message = "") { }
        public static void SkipTest(string message = null) { }
    }
}

namespace TestFrameworkShared
{
    using System;

    public class AssertFailedException : Exception
    {
        public AssertFailedException() { }
        public AssertFailedException(string msg) { }
        public AssertFailedException(string msg, Exception ex) { }
    }
}
