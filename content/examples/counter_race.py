import threading

counter = 0
