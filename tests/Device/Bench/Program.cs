namespace TcAtMcu.Bench { public static class Placeholder { } }
