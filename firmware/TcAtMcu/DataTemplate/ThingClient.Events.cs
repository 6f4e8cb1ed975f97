using TcAtMcu.Json;
using TcAtMcu.Module;
using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// Several events in one message, as the explorer SDK sends them: {"method":"events_post","clientToken":..,
    /// "events":[{"eventId","type","timestamp","params"}, ...]}, one event_reply for all of them by that clientToken.
    /// Events are queued (<see cref="QueueEvent"/>, at most <see cref="EventQueueSlots"/>) and sent by
    /// <see cref="SendEvents"/> with their parameters' values at that moment. What does not fit one message (the output
    /// buffer, at most the module's 2048-byte publish) goes in the next one (split, each message with its own reply slot); an event too large even alone
    /// is dropped and reported as <see cref="ThingCodes.TooLarge"/>.
    /// </summary>
    public sealed partial class ThingClient
    {
        /// <summary>Events queued for <see cref="SendEvents"/> at once.</summary>
        public const int EventQueueSlots = 8;

        private static readonly byte[] EventsPost = Ascii.Bytes("events_post");
        private static readonly byte[] KeyEvents = Ascii.Bytes("events");

        private readonly TemplateEvent[] _queue = new TemplateEvent[EventQueueSlots];
        private readonly EventBatch[] _batches = EventBatch.Pool(EventSlots, EventQueueSlots);
        private int _queued;

        /// <summary>Events queued and not sent yet.</summary>
        public int QueuedEvents { get { return _queued; } }

        /// <summary>Queued events dropped because one alone does not fit a message.</summary>
        public int EventsTooLarge { get; private set; }

        /// <summary>Queues an event for the next <see cref="SendEvents"/>; false when the queue is full or it is queued already.</summary>
        public bool QueueEvent(TemplateEvent templateEvent)
        {
            if (templateEvent == null || _queued == EventQueueSlots)
            {
                return false;
            }
            for (int i = 0; i < _queued; i++)
            {
                if (_queue[i] == templateEvent)
                {
                    return false;
                }
            }
            _queue[_queued++] = templateEvent;
            return true;
        }

        /// <summary>
        /// Sends the queued events with events_post, as many per message as the output buffer holds, in queue order.
        /// Returns how many were sent; those left (every reply slot taken, or the module refused) stay queued for the
        /// next call.
        /// </summary>
        public int SendEvents()
        {
            ExpireEvents();
            int sent = 0;
            EventBatch batch;
            int token = 0;
            int limit = _out.Length < TcLimits.LongPayloadMax ? _out.Length : TcLimits.LongPayloadMax;
            while (_queued > 0 && _events.HasRoom && (batch = FreeBatch()) != null)
            {
                if (token == 0)
                {
                    token = _router.NewToken();
                }
                Begin(EventsPost, token);
                _writer.Key(KeyEvents);
                _writer.BeginArray();
                int taken = 0;
                while (taken < _queued)
                {
                    int mark = _writer.Length;
                    WriteEvent(_queue[taken]);
                    // Room for the closing "]}" must remain, within the module's longest publish.
                    if (_writer.Overflowed || _writer.Length + 2 > limit)
                    {
                        _writer.Truncate(mark);
                        break;
                    }
                    taken++;
                }
                if (taken == 0)
                {
                    TemplateEvent tooLarge = _queue[0];
                    Dequeue(1);
                    EventsTooLarge++;
                    _handler.OnEventReply(tooLarge, ThingCodes.TooLarge);
                    continue;
                }
                _writer.EndArray();
                if (!Send(_upEvent))
                {
                    break;
                }
                batch.Take(_queue, taken);
                Dequeue(taken);
                _events.Open(token, batch, _clock.NowMs + EventReplyTimeoutMs);
                token = 0;
                sent += taken;
            }
            return sent;
        }

        // {"eventId":"..","type":"..","timestamp":..,"params":{..}}
        private void WriteEvent(TemplateEvent templateEvent)
        {
            _writer.BeginObject();
            _writer.Member(KeyEventId, templateEvent.Id);
            _writer.Member(KeyType, templateEvent.Type);
            _writer.Key(KeyTimestamp);
            _writer.Number(Timestamp(templateEvent));
            _writer.Key(KeyParams);
            _writer.BeginObject();
            TemplateValue.WriteMembers(_writer, templateEvent.Parameters, false);
            _writer.EndObject();
            _writer.EndObject();
        }

        private void Dequeue(int count)
        {
            for (int i = 0; i < EventQueueSlots; i++)
            {
                _queue[i] = i + count < _queued ? _queue[i + count] : null;
            }
            _queued -= count;
        }

        private EventBatch FreeBatch()
        {
            for (int i = 0; i < _batches.Length; i++)
            {
                if (_batches[i].Count == 0)
                {
                    return _batches[i];
                }
            }
            return null; // each one's replies are being delivered (SendEvents called from OnEventReply)
        }

        // The reply (or its timeout) for what a slot stood for: one event, or each event of a batch.
        private void Answer(object answered, int code)
        {
            EventBatch batch = answered as EventBatch;
            if (batch == null)
            {
                _handler.OnEventReply((TemplateEvent)answered, code);
                return;
            }
            for (int i = 0; i < batch.Count; i++)
            {
                TemplateEvent e = batch.Events[i];
                batch.Events[i] = null;
                _handler.OnEventReply(e, code);
            }
            batch.Count = 0;
        }
    }

    /// <summary>The events of one events_post awaiting their reply (a fixed pool, one per reply slot).</summary>
    internal sealed class EventBatch
    {
        public readonly TemplateEvent[] Events;
        public int Count;

        private EventBatch(int capacity)
        {
            Events = new TemplateEvent[capacity];
        }

        public static EventBatch[] Pool(int batches, int capacity)
        {
            EventBatch[] pool = new EventBatch[batches];
            for (int i = 0; i < batches; i++)
            {
                pool[i] = new EventBatch(capacity);
            }
            return pool;
        }

        public void Take(TemplateEvent[] events, int count)
        {
            System.Array.Copy(events, 0, Events, 0, count);
            Count = count;
        }
    }
}
