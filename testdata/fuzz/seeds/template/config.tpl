name: ${name}
%{ for i in items ~}
item: ${i}
%{ endfor ~}
