using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace TcAtMcu.Tests.Host
{
    /// <summary>Polls a collection another thread fills until an item matches, or fails saying what was there.</summary>
    public static class Eventually
    {
        public static T First<T>(IEnumerable<T> items, Func<T, bool> match, int timeoutMs, Func<string> whatWasThere)
        {
            DateTime end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                foreach (T item in items.ToArray())
                {
                    if (match(item))
                    {
                        return item;
                    }
                }
                if (DateTime.UtcNow >= end)
                {
                    throw new TimeoutException(whatWasThere());
                }
                Thread.Sleep(10);
            }
        }
    }
}
