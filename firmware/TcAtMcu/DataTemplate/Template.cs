namespace TcAtMcu.DataTemplate
{
    /// <summary>A product's data template: its properties, events and actions (the generated code builds one).</summary>
    public sealed class Template
    {
        public Template(TemplateValue[] properties, TemplateEvent[] events, TemplateAction[] actions)
        {
            Properties = properties;
            Events = events;
            Actions = actions;
        }

        public TemplateValue[] Properties { get; private set; }
        public TemplateEvent[] Events { get; private set; }
        public TemplateAction[] Actions { get; private set; }

        /// <summary>Marks every property changed: the next report carries all of them.</summary>
        public void MarkAllChanged()
        {
            for (int i = 0; i < Properties.Length; i++)
            {
                Properties[i].MarkChanged();
            }
        }
    }
}
