namespace TcAtMcu.DataTemplate
{
    /// <summary>The product's side of the data template; called on the application's thread.</summary>
    public interface IThingHandler
    {
        /// <summary>
        /// The cloud set properties (a control, or the desired state found at start); all of them were valid and
        /// are applied. <see cref="TemplateValue.Controlled"/> marks which.
        /// </summary>
        void OnControl();

        /// <summary>An action's inputs are set and valid: do it, fill its outputs, return the reply code (0: done).</summary>
        int OnAction(TemplateAction action);

        /// <summary>The cloud's answer to an event (0: accepted), or <see cref="ThingCodes.NoReply"/> after the timeout.</summary>
        void OnEventReply(TemplateEvent templateEvent, int code);
    }
}
