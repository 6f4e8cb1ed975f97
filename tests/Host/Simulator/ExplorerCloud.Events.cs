using System.Text.Json.Nodes;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// The array type and events_post on the cloud's side: an array's elements are each checked against its
    /// "arrayInfo" (the device's slot count is the product's choice, not the cloud's); events_post carries several
    /// events, checked one by one, and gets one event_reply with its clientToken (406 with the first bad event's
    /// reason, as the cloud refuses the message as a whole).
    /// </summary>
    public sealed partial class ExplorerCloud
    {
        /// <summary>Events that arrived in events_post messages, in order.</summary>
        public int EventsInBatches;

        private static string CheckArray(TemplateGen.ValueSpec spec, JsonNode value)
        {
            if (value is not JsonArray elements)
            {
                return $"{spec.Id} is not an array";
            }
            foreach (JsonNode element in elements)
            {
                string error = CheckValue(spec.Element, element);
                if (error != null)
                {
                    return error;
                }
            }
            return null;
        }

        private void OnEventsPost(JsonObject message, string token)
        {
            string error = null;
            if (message["events"] is not JsonArray events || events.Count == 0)
            {
                error = "events missing";
            }
            else
            {
                foreach (JsonNode e in events)
                {
                    error = e is JsonObject one ? CheckEvent(one) : "event is not an object";
                    if (error != null)
                    {
                        break;
                    }
                    Interlocked.Increment(ref EventsInBatches);
                }
            }
            JsonObject reply = ReplyObject("event_reply", token, error);
            reply["data"] = new JsonObject();
            Send("event", reply);
        }
    }
}
