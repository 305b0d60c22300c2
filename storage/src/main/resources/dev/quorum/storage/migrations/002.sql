-- Callback sequence numbers: the next number of an ordering key is found by index, not by counting its rows
CREATE INDEX callback_deliveries_sequence ON callback_deliveries (ordering_key, sequence_number);
