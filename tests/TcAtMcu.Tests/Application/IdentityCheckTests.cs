using nanoFramework.TestFramework;
using TcAtMcu.Application;

namespace TcAtMcu.Tests.Application
{
    /// <summary>The identity DeviceSettings.cs ships with is refused before anything reaches the module.</summary>
    [TestClass]
    public class IdentityCheckTests
    {
        private static AppSettings Settings(string productId, string deviceName, string deviceSecret, string productSecret)
        {
            AppSettings s = new AppSettings();
            s.ProductId = productId;
            s.DeviceName = deviceName;
            s.DeviceSecret = deviceSecret;
            s.ProductSecret = productSecret;
            return s;
        }

        [TestMethod]
        public void ThePlaceholdersAreRefusedOneByOne()
        {
            string problem = IdentityCheck.Problem(Settings(IdentityCheck.PlaceholderProductId, IdentityCheck.PlaceholderDeviceName,
                IdentityCheck.PlaceholderDeviceSecret, null));
            Assert.AreEqual("No product id in DeviceSettings.cs: copy it from the IoT Explorer console (README, Getting started on a board, step 3).", problem);
            Assert.StartsWith("No device name in DeviceSettings.cs", IdentityCheck.Problem(Settings("ABCDE12345", IdentityCheck.PlaceholderDeviceName, "c2VjcmV0", null)));
            Assert.StartsWith("No device secret (or product secret, for dynamic registration) in DeviceSettings.cs",
                IdentityCheck.Problem(Settings("ABCDE12345", "lamp01", IdentityCheck.PlaceholderDeviceSecret, IdentityCheck.PlaceholderProductSecret)));
        }

        [TestMethod]
        public void NothingAtAllIsRefused()
        {
            Assert.StartsWith("No product id", IdentityCheck.Problem(Settings(null, "lamp01", "c2VjcmV0", null)));
            Assert.StartsWith("No product id", IdentityCheck.Problem(Settings("", "lamp01", "c2VjcmV0", null)));
            Assert.StartsWith("No device name", IdentityCheck.Problem(Settings("ABCDE12345", "", "c2VjcmV0", null)));
            Assert.StartsWith("No device secret", IdentityCheck.Problem(Settings("ABCDE12345", "lamp01", "", null)));
            Assert.StartsWith("No device secret", IdentityCheck.Problem(Settings("ABCDE12345", "lamp01", null, null)));
        }

        [TestMethod]
        public void AConsoleIdentityIsTaken()
        {
            Assert.IsNull(IdentityCheck.Problem(Settings("ABCDE12345", "lamp01", "c2VjcmV0", null)), "key authentication");
            Assert.IsNull(IdentityCheck.Problem(Settings("ABCDE12345", "lamp01", null, "cHJvZHVjdA==")), "dynamic registration");
            Assert.IsNull(IdentityCheck.Problem(Settings("ABCDE12345", "lamp01", IdentityCheck.PlaceholderDeviceSecret, "cHJvZHVjdA==")),
                "the product secret is enough");
        }
    }
}
